-- The json-add test: {"a":2,"b":3} to Calc.asmx/Add (a script call) and CXF's JAX-RS /json/Add; both answer {"d":5}.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json; charset=utf-8"
wrk.body = '{"a":2,"b":3}'
