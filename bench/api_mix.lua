-- wrk script for bench/api.sh: event queries as the dashboard and scripts
-- make them, a page of 20 each, cycling through filters (none, a country, a
-- type, a zone, a modality, a date range, an actor, a later page).
local paths = {
  "/api/events?limit=20",
  "/api/events?limit=20&country=AF",
  "/api/events?limit=20&type=ASSAULT",
  "/api/events?limit=20&zone=border:af-north",
  "/api/events?limit=20&modality=anticipated",
  "/api/events?limit=20&since=2016-01&until=2016-06",
  "/api/events?limit=20&actor=actor:taliban",
  "/api/events?limit=20&offset=500",
  "/api/events?limit=20&country=TJ&type=FIGHT",
  "/api/events?limit=20&historical=false&since=2017",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
