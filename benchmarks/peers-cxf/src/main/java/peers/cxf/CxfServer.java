package peers.cxf;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.xml.ws.Endpoint;
import java.util.List;
import java.util.Map;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;

/**
 * java -jar peers-cxf.jar PORT: the web services peer. {@code POST /Calc} is a JAX-WS endpoint (SOAP 1.1,
 * document/literal wrapped, the same namespace, action and element names as benchmarks/site/Calc.asmx, so the harness
 * posts one body to both); {@code POST /json/Add} a JAX-RS resource reading {@code {"a":2,"b":3}} and answering
 * {@code {"d":5}} through Jackson, as the .asmx's script call does; {@code GET /plaintext} answers "Hello, World!" for
 * the harness's readiness check.
 */
public final class CxfServer {
    static final String NS = "http://conduit.dev/bench/";

    /** The SOAP service. */
    @WebService(targetNamespace = NS, serviceName = "Calc", portName = "CalcSoap", name = "CalcSoap")
    @SOAPBinding(style = SOAPBinding.Style.DOCUMENT, use = SOAPBinding.Use.LITERAL,
            parameterStyle = SOAPBinding.ParameterStyle.WRAPPED)
    public static class Calc {
        @WebMethod(operationName = "Add", action = NS + "Add")
        @WebResult(name = "AddResult", targetNamespace = NS)
        public int add(@WebParam(name = "a", targetNamespace = NS) int a,
                @WebParam(name = "b", targetNamespace = NS) int b) {
            return a + b;
        }
    }

    /** The JSON resource and the readiness check. */
    @Path("/")
    public static class Json {
        @POST
        @Path("json/Add")
        @Consumes("application/json")
        @Produces("application/json")
        public Map<String, Object> add(Map<String, Integer> in) {
            return Map.of("d", in.get("a") + in.get("b"));
        }

        @GET
        @Path("plaintext")
        @Produces("text/plain")
        public String plaintext() {
            return "Hello, World!";
        }
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String base = "http://127.0.0.1:" + port;
        Endpoint.publish(base + "/Calc", new Calc());
        JAXRSServerFactoryBean rs = new JAXRSServerFactoryBean();
        rs.setAddress(base + "/");
        rs.setResourceClasses(Json.class);
        rs.setResourceProvider(Json.class, new SingletonResourceProvider(new Json()));
        rs.setProviders(List.of(new JacksonJsonProvider()));
        rs.create();
        System.out.println("cxf listening on " + port);
    }
}
