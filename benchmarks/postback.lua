-- The form-post test: every request is the same postback of benchmarks/site/form.aspx, its body (the page's hidden
-- fields and a filled-in form clicking Preview) made by run.sh from a GET of the page and read from $POSTBACK_BODY.
local f = assert(io.open(os.getenv("POSTBACK_BODY"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
