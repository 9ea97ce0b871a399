-- wrk script for bench/taxii.sh: pages of 100 objects of the TAXII
-- collection of everything the token's user may see, each starting at a
-- pseudo-random row of the store (as clients resuming with `next` do), with
-- TLP filtering on (the user sees CLEAR, GREEN and its group's AMBER).
local collection = os.getenv("COLLECTION")
local token = os.getenv("TOKEN")
local rows = tonumber(os.getenv("ROWS"))
local i = 0
request = function()
  i = i + 1
  local row = (i * 7919) % rows
  local path = "/taxii2/beacon/collections/" .. collection .. "/objects/?limit=100&next=" .. row .. ".0"
  return wrk.format("GET", path, {
    ["Authorization"] = "Bearer " .. token,
    ["Accept"] = "application/taxii+json;version=2.1",
  })
end
