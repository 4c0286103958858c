package demo;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The news as a feed: one handler mapped to two extensions, answering by extension: RSS 2.0 for {@code *.rss}, Atom
 * 1.0 for {@code *.feed}. Items come from the demo database's news table; Rome writes the XML (so titles with
 * {@code & < >}, quotes and non-ASCII text are escaped correctly). ETag and Last-Modified come from the newest item,
 * and conditional requests are answered with 304.
 */
public final class FeedHandler implements HttpHandler {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private record Item(int id, String title, String summary, String link, Instant published) {}

    @Override
    public void processRequest(HttpContext context) throws FeedException {
        boolean atom = context.request().filePath().toLowerCase(Locale.ROOT).endsWith(".feed");
        List<Item> items = Db.with(context, c -> {
            List<Item> out = new ArrayList<>();
            try (ResultSet rs = c.prepareStatement(
                            "SELECT id, title, summary, link, published FROM news ORDER BY published DESC")
                    .executeQuery()) {
                while (rs.next()) {
                    out.add(new Item(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        });
        Instant newest =
                items.isEmpty() ? Instant.EPOCH : items.get(0).published().truncatedTo(ChronoUnit.SECONDS);
        String etag = "\"" + (atom ? "atom" : "rss") + "-" + items.size() + "-" + newest.getEpochSecond() + "\"";
        var res = context.response();
        res.setHeader("ETag", etag);
        res.setHeader("Last-Modified", HTTP_DATE.format(newest));
        res.setHeader("Cache-Control", "public, max-age=300");
        if (notModified(context, etag, newest)) {
            res.setStatusCode(304);
            return;
        }
        String base = context.request().url().resolve("/").toString();
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(atom ? "atom_1.0" : "rss_2.0");
        feed.setTitle("Conduit demo news");
        feed.setLink(base);
        feed.setUri(base + (atom ? "news.feed" : "news.rss"));
        feed.setDescription("What is new in the Conduit demo site");
        feed.setPublishedDate(Date.from(newest));
        feed.setLanguage("en");
        feed.setAuthor("Conduit demo");
        List<SyndEntry> entries = new ArrayList<>();
        for (Item item : items) {
            SyndEntry e = new SyndEntryImpl();
            e.setTitle(item.title());
            e.setLink(base + item.link().substring(1));
            e.setUri(base + "news/" + item.id());
            e.setPublishedDate(Date.from(item.published()));
            e.setUpdatedDate(Date.from(item.published()));
            e.setAuthor("Conduit demo");
            SyndContentImpl summary = new SyndContentImpl();
            summary.setType("text/plain");
            summary.setValue(item.summary());
            e.setDescription(summary);
            entries.add(e);
        }
        feed.setEntries(entries);
        res.setContentType(atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
        res.write(new SyndFeedOutput().outputString(feed, true));
    }

    private static boolean notModified(HttpContext context, String etag, Instant newest) {
        String inm = context.request().header("If-None-Match");
        if (inm != null) {
            for (String t : inm.split(",")) {
                String tag = t.trim();
                if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        String ims = context.request().header("If-Modified-Since");
        if (ims != null) {
            try {
                Instant since = java.time.ZonedDateTime.parse(ims, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return !newest.isAfter(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
