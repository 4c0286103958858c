<%@ WebService Language="Java" Class="NewsService" %>
import dev.conduit.services.*;
import demo.Db;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/*
 * The demo database's news and attachments as a web service: SOAP 1.1 and 1.2 (the WSDL is at News.asmx?WSDL),
 * JSON for script (POST News.asmx/LatestNews with {"count":3}), and the help page at News.asmx. The class is
 * compiled from this file on the first request, against demo.Db from bin/demo-handlers.jar.
 */
@WebService(namespace = "http://conduit.dev/demo/news/",
        description = "The demo database's news and attachments, for SOAP clients and for script.")
@ScriptService
public class NewsService extends WebServiceBase {
    public record NewsItem(int id, String title, String summary, String link, Instant published) {}

    public record Attachment(long id, String fileName, String contentType, long length, Instant uploaded) {}

    @WebMethod(description = "The newest news items, newest first: count of them, 1 to 50.")
    public List<NewsItem> LatestNews(int count) {
        if (count < 1 || count > 50) {
            throw new SoapException("count must be 1 to 50, not " + count + ".", SoapFaultCode.CLIENT);
        }
        return Db.with(getContext(), c -> {
            List<NewsItem> out = new ArrayList<>();
            try (var ps = c.prepareStatement(
                    "SELECT id, title, summary, link, published FROM news ORDER BY published DESC")) {
                ps.setMaxRows(count);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new NewsItem(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getTimestamp(5).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    @WebMethod(description = "One news item by its id; a Client fault when there is none.")
    public NewsItem GetNews(int id) {
        NewsItem item = Db.with(getContext(), c -> {
            try (var ps = c.prepareStatement("SELECT id, title, summary, link, published FROM news WHERE id = ?")) {
                ps.setInt(1, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next()
                            ? new NewsItem(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getTimestamp(5).toInstant())
                            : null;
                }
            }
        });
        if (item == null) {
            throw new SoapException("There is no news item " + id + ".", SoapFaultCode.CLIENT);
        }
        return item;
    }

    @WebMethod(description = "The attachments Download.ashx?id=N sends, newest first.")
    public List<Attachment> Attachments() {
        return Db.with(getContext(), c -> {
            List<Attachment> out = new ArrayList<>();
            try (var ps = c.prepareStatement(
                            "SELECT id, file_name, content_type, length, uploaded FROM attachments ORDER BY id DESC");
                    var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Attachment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        });
    }
}
