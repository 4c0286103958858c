<%@ WebService Language="Java" Class="Calc" %>
import dev.conduit.services.*;

/*
 * The harness's services tests: SOAP Add (soap-add.lua) and JSON Add (json-add.lua) against Apache CXF's JAX-WS and
 * JAX-RS with Jackson on its embedded Jetty (benchmarks/peers-cxf), with the same namespace, action and elements.
 */
@WebService(namespace = "http://conduit.dev/bench/")
@ScriptService
public class Calc {
    @WebMethod
    public int Add(int a, int b) {
        return a + b;
    }
}
