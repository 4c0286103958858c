package demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttachmentsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "report.pdf|report.pdf",
                "C:\\Users\\ada\\report.pdf|report.pdf",
                "/home/ada/report.pdf|report.pdf",
                "say %22cheese%22.jpg|say \"cheese\".jpg",
                "100%25.txt|100%25.txt",
                "`  spaced.txt `|spaced.txt",
                "C:\\dir\\|upload",
            })
    void uploadedNamesLoseTheirPathAndTheHtmlStandardsEscapes(String sent, String stored) {
        assertThat(Attachments.cleanFileName(sent)).isEqualTo(stored);
    }

    @Test
    void escapedLineBreaksInAnUploadedNameBecomeRealOnesForTheEncoderToHandle() {
        assertThat(Attachments.cleanFileName("line%0D%0Abreak.txt")).isEqualTo("line\r\nbreak.txt");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "text/plain|text/plain",
                "Text/CSV; charset=UTF-8|text/csv; charset=UTF-8",
                "text/plain; charset=no-such-charset|text/plain",
                "image/png; name=x.png|image/png",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        + "|application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            })
    void wellFormedMediaTypesAreKept(String sent, String kept) {
        assertThat(Attachments.mediaTypeOrNull(sent)).isEqualTo(kept);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "text", "text/", "/plain", "text/html\r\nSet-Cookie: a=b", "text plain/x", "a/b/c"})
    void malformedMediaTypesAreDropped(String sent) {
        assertThat(Attachments.mediaTypeOrNull(sent)).isNull();
    }

    @Test
    void aMediaTypeTooLongForItsColumnIsDropped() {
        assertThat(Attachments.mediaTypeOrNull("application/" + "x".repeat(188)))
                .hasSize(200);
        assertThat(Attachments.mediaTypeOrNull("application/" + "x".repeat(189)))
                .isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "text/csv|report.pdf|text/csv",
                "application/octet-stream|report.pdf|application/pdf",
                "null|report.PDF|application/pdf",
                "bogus|photo.jpeg|image/jpeg",
                "null|archive.tar.gz|application/gzip",
                "null|notes.txt|text/plain",
                "null|README|application/octet-stream",
                "null|trailing.|application/octet-stream",
                "null|data.no-such-extension|application/octet-stream",
            })
    void theStoredTypeWinsUnlessItSaysNothingThenTheExtensionDecides(String stored, String name, String sent) {
        assertThat(Attachments.contentTypeFor(stored, name)).isEqualTo(sent);
    }
}
