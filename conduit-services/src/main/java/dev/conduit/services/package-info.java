/**
 * Writing {@code .asmx} web services: the annotations that make a class a service ({@link
 * dev.conduit.services.WebService}, {@link dev.conduit.services.WebMethod}, {@link
 * dev.conduit.services.SoapDocumentMethod}, {@link dev.conduit.services.ScriptService}, {@link
 * dev.conduit.services.ScriptMethod}), the optional base class {@link dev.conduit.services.WebServiceBase}, and {@link
 * dev.conduit.services.SoapException} for a fault of the service's own. See docs/services.md.
 */
@NullMarked
package dev.conduit.services;

import org.jspecify.annotations.NullMarked;
