package dev.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** multipart/form-data: fields in form(), files in files(), large parts spooled to disk and deleted afterwards. */
class UploadTest {
    private static final String BOUNDARY = "----conduit-test-boundary";

    @TempDir
    Path site;

    private TestHost start() throws Exception {
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    <httpRuntime maxRequestLength="1024"/>
                    <httpHandlers>
                      <add verb="POST" path="upload.x" type="dev.conduit.testing.fixtures.UploadHandler"/>
                    </httpHandlers>
                """);
        return TestHost.start(site);
    }

    private static byte[] multipart(Object... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i += 3) {
            String name = (String) parts[i];
            String fileName = (String) parts[i + 1];
            out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                            + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                            + (fileName == null ? "" : "Content-Type: application/octet-stream\r\n") + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            Object v = parts[i + 2];
            out.write(v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8));
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static long spooledFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("upload_"))
                    .count();
        }
    }

    @Test
    void fieldsAndFilesAreParsedAndLargePartsAreSpooledThenDeleted() throws Exception {
        byte[] big = new byte[300 * 1024];
        new Random(7).nextBytes(big);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big));
        long before = spooledFiles();
        try (TestHost host = start()) {
            TestResponse r = host.post("/upload.x")
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .body(multipart(
                            "title",
                            null,
                            "Caf\u00e9 notes",
                            "doc",
                            "r\u00e9sum\u00e9 \"final\".pdf",
                            big,
                            "small",
                            "a.txt",
                            "tiny"))
                    .send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text())
                    .contains("field title=Caf\u00e9 notes")
                    .contains("file doc r\u00e9sum\u00e9 \"final\".pdf application/octet-stream " + big.length + " "
                            + sha)
                    .contains("file small a.txt application/octet-stream 4 ");
        }
        assertThat(spooledFiles()).as("temporary files left behind").isEqualTo(before);
    }

    @Test
    void aBodyOverMaxRequestLengthIs413() throws Exception {
        try (TestHost host = start()) {
            byte[] body = multipart("doc", "big.bin", new byte[2 * 1024 * 1024]);
            TestResponse r = host.post("/upload.x")
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .body(body)
                    .send();
            assertThat(r.status()).isEqualTo(413);
        }
    }

    @Test
    void aMalformedBodyIs400() throws Exception {
        try (TestHost host = start()) {
            TestResponse r = host.post("/upload.x")
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .body("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end")
                    .send();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).contains("Malformed multipart/form-data body");
        }
    }
}
