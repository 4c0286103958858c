package dev.conduit.services;

/** What a script method answers, as ASP.NET's {@code ResponseFormat}. */
public enum ResponseFormat {
    /** {@code {"d": result}}, {@code application/json}. */
    JSON,
    /** The result as XML ({@code text/xml}): a String as it is, anything else serialized. */
    XML
}
