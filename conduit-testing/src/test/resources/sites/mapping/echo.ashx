<%@ WebHandler Class="dev.conduit.testing.fixtures.EchoVerbHandler" %>
