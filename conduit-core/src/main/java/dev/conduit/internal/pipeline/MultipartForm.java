package dev.conduit.internal.pipeline;

import dev.conduit.HttpException;
import dev.conduit.HttpPostedFile;
import dev.conduit.NameValueCollection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code multipart/form-data} body (RFC 7578), by Apache Commons FileUpload: fields go to the form, parts
 * with a file name are {@link HttpPostedFile}s. Parts over {@link #DISK_THRESHOLD} are spooled to temporary files,
 * which {@link #delete()} removes when the request ends. The body limit is the request stream's (413 as soon as it
 * is passed).
 */
final class MultipartForm {
    /** System.Web's {@code requestLengthDiskThreshold} default: 80 KB. */
    static final int DISK_THRESHOLD = 80 * 1024;

    final NameValueCollection fields;
    final List<HttpPostedFile> files;
    private final List<DiskFileItem> items;

    private MultipartForm(NameValueCollection fields, List<HttpPostedFile> files, List<DiskFileItem> items) {
        this.fields = fields;
        this.files = files;
        this.items = items;
    }

    /** Tells whether {@code contentType} is {@code multipart/form-data}. */
    static boolean isMultipart(@Nullable String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "multipart/form-data", 0, 19);
    }

    /** Reads and parses the body; may block. */
    static MultipartForm parse(ConduitRequest request) {
        DiskFileItemFactory factory = DiskFileItemFactory.builder()
                .setPath(Path.of(System.getProperty("java.io.tmpdir")))
                .setBufferSize(DISK_THRESHOLD)
                .get();
        Upload upload = new Upload();
        upload.setFileItemFactory(factory);
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        List<DiskFileItem> items;
        try {
            items = upload.parseRequest(new Context(request));
        } catch (FileUploadException e) {
            if (e.getCause() instanceof HttpException he) {
                throw he;
            }
            throw new HttpException(400, "Malformed multipart/form-data body: " + e.getMessage() + ".", e);
        }
        NameValueCollection.Builder fields = NameValueCollection.builder();
        List<HttpPostedFile> files = new ArrayList<>();
        for (DiskFileItem item : items) {
            if (item.isFormField()) {
                try {
                    fields.add(item.getFieldName(), item.getString(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (item.getName() != null && !item.getName().isEmpty()) {
                files.add(new PostedFile(item));
            }
        }
        return new MultipartForm(fields.build(), List.copyOf(files), items);
    }

    /** Deletes spooled temporary files; called when the request ends. */
    void delete() {
        for (DiskFileItem item : items) {
            try {
                item.delete();
            } catch (IOException ignored) {
                // the temporary folder is cleaned by the system eventually
            }
        }
    }

    private static final class Upload extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {
        @Override
        public org.apache.commons.fileupload2.core.FileItemInputIterator getItemIterator(RequestContext request)
                throws FileUploadException, IOException {
            return super.getItemIterator(request);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(RequestContext request) throws FileUploadException {
            return super.parseParameterMap(request);
        }

        @Override
        public List<DiskFileItem> parseRequest(RequestContext request) throws FileUploadException {
            return super.parseRequest(request);
        }
    }

    private record Context(ConduitRequest request) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return request.contentEncoding().name();
        }

        @Override
        public long getContentLength() {
            return request.contentLength();
        }

        @Override
        public String getContentType() {
            return request.contentType();
        }

        @Override
        public InputStream getInputStream() {
            return request.inputStream();
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }

    private record PostedFile(DiskFileItem item) implements HttpPostedFile {
        @Override
        public String name() {
            return item.getFieldName();
        }

        @Override
        public String fileName() {
            return item.getName();
        }

        @Override
        public @Nullable String contentType() {
            return item.getContentType();
        }

        @Override
        public long contentLength() {
            return item.getSize();
        }

        @Override
        public InputStream inputStream() {
            try {
                return item.getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void saveAs(Path target) {
            try {
                if (item.isInMemory()) {
                    Files.write(target, item.get());
                } else {
                    try (InputStream in = item.getInputStream()) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the upload to " + target, e);
            }
        }
    }
}
