-- The soap-add test: a SOAP 1.1 call of Add(2, 3), the same body to benchmarks/site/Calc.asmx and CXF's /Calc.
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
wrk.headers["SOAPAction"] = '"http://conduit.dev/bench/Add"'
wrk.body = '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
  .. '<soap:Body><Add xmlns="http://conduit.dev/bench/"><a>2</a><b>3</b></Add></soap:Body></soap:Envelope>'
