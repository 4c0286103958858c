package dev.conduit.services;

/**
 * Who a SOAP fault blames: {@code Client} / {@code Sender} (the request was wrong) or {@code Server} / {@code Receiver}
 * (the service failed), and the two protocol faults. Written in each SOAP version's own words.
 */
public enum SoapFaultCode {
    /** The request was wrong: SOAP 1.1 {@code soap:Client}, SOAP 1.2 {@code soap:Sender}. */
    CLIENT("Client", "Sender"),
    /** The service failed: SOAP 1.1 {@code soap:Server}, SOAP 1.2 {@code soap:Receiver}. */
    SERVER("Server", "Receiver"),
    /** The envelope is of another SOAP version. */
    VERSION_MISMATCH("VersionMismatch", "VersionMismatch"),
    /** A header marked mustUnderstand was not understood. */
    MUST_UNDERSTAND("MustUnderstand", "MustUnderstand");

    private final String soap11;
    private final String soap12;

    SoapFaultCode(String soap11, String soap12) {
        this.soap11 = soap11;
        this.soap12 = soap12;
    }

    /** The local name of the code in SOAP 1.1. */
    public String soap11() {
        return soap11;
    }

    /** The local name of the code in SOAP 1.2. */
    public String soap12() {
        return soap12;
    }
}
