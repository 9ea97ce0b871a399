-- wrk script for bench/api.sh's second part: full-text searches as the
-- dashboard's search box makes them (a page of 20, with and without
-- filters), each connection pausing 50 ms between requests (a team of
-- analysts searching, not a flood: with 8 connections about 150 a second).
local paths = {
  "/api/search?q=police",
  "/api/search?q=Kabul%20attack",
  "/api/search?q=%22security%20forces%22",
  "/api/search?q=taliban&country=AF",
  "/api/search?q=border&scope=events",
  "/api/search?q=election&sort=newest",
  "/api/search?q=minister%20OR%20president",
  "/api/search?q=protest&since=2017-01",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
function delay()
  return 50
end
