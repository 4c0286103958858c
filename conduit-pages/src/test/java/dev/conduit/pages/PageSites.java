package dev.conduit.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the files of a test site. */
final class PageSites {
    private PageSites() {}

    static Path write(Path root, String path, String text) {
        Path p = root.resolve(path);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static final String MASTER =
            """
            <%@ Master Language="Java" %>
            <!DOCTYPE html>
            <html>
            <head runat="server"><title>Site</title></head>
            <body>
            <h1>Header</h1>
            <form id="form1" runat="server">
            <asp:ContentPlaceHolder ID="Main" runat="server">default main</asp:ContentPlaceHolder>
            <asp:ContentPlaceHolder ID="Side" runat="server">default side</asp:ContentPlaceHolder>
            </form>
            </body>
            </html>
            """;
}
