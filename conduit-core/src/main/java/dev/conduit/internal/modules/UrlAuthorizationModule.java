package dev.conduit.internal.modules;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpModule;
import dev.conduit.HttpResponse;
import dev.conduit.PipelineEvent;
import dev.conduit.UserPrincipal;
import dev.conduit.internal.config.FolderConfig;
import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.internal.pipeline.ConduitContext;
import dev.conduit.internal.pipeline.NonBlocking;
import dev.conduit.internal.security.AuthorizationRule;
import dev.conduit.internal.security.AuthorizationRules;
import dev.conduit.internal.security.CachePolicy;
import dev.conduit.internal.security.FormsPrincipal;
import dev.conduit.internal.security.SiteSecurity;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * URL authorization, as System.Web's {@code UrlAuthorizationModule}: enforces the {@code <authorization>} rules of
 * the requested path in AuthorizeRequest.
 *
 * <p><b>Rules.</b> {@code <allow>} and {@code <deny>} lines with {@code users} (names, {@code *} for everyone,
 * {@code ?} for anonymous), {@code roles} and optionally {@code verbs}, at any level: the site root, a sub-folder's
 * web.config, a {@code <location path>}. They are evaluated child-first (the deepest level's rules, then its
 * parent's, up to the root), the first one that matches the user and verb decides, and when none matches the
 * request is allowed. The verb is the request type that handler mapping uses. A path that names a folder without its
 * trailing slash is judged by that folder's rules too.
 *
 * <p><b>Denied.</b> An anonymous user gets 401 (which {@link FormsAuthenticationModule} turns into the login
 * redirect); a signed-in user gets 403 (System.Web answers 401 to both, and so sends signed-in users back to a login
 * page that cannot help them). Either way a short "Access is denied." page is written and the request is completed:
 * the handler never runs, EndRequest still does.
 *
 * <p><b>The login page</b> must be reachable by the users it is for. When a folder or the whole site denies {@code ?},
 * allow the login page explicitly, as in ASP.NET:
 *
 * <pre>{@code
 * <location path="login.ashx">
 *   <system.web><authorization><allow users="*"/></authorization></system.web>
 * </location>
 * }</pre>
 *
 * <p><b>Re-checks.</b> When handler mapping changes the file (a default document: {@code /docs/} served as {@code
 * /docs/index.html}), the new file's rules are checked again in PostMapRequestHandler. A response to a path whose
 * rules do not allow everyone is made {@code Cache-Control: private} in EndRequest, so shared caches never hand one
 * user's page to another.
 *
 * <p>A site with no {@code <authorization>} anywhere costs one boolean check per event.
 */
public final class UrlAuthorizationModule implements HttpModule {

    /** The request the two fields below describe: an application instance serves one request at a time. */
    private @Nullable HttpContext checked;

    private @Nullable String checkedPath;
    private boolean restricted;
    /**
     * The configuration last asked whether any level declares authorization rules, and its answer: a site without
     * rules has nothing to check, and the answer is the same for every request of the instance's site.
     */
    private @Nullable SiteConfiguration lookedIn;

    private boolean anyRules;

    /**
     * The rules of the file path last checked, in {@link #lookedIn} on {@link #rulesSite}: most requests an instance
     * serves ask for a path it has just answered, and finding its folder's rules again (the folder's path made, its
     * configuration and the site's security looked up) was two thirds of this module's cost per request.
     */
    private @Nullable String rulesPath;

    private @Nullable AuthorizationRules rules;
    private @Nullable Object rulesSite;

    /** Created by the runtime for each application instance. */
    public UrlAuthorizationModule() {}

    @Override
    public void init(HttpApplication application) {
        // Rule matching is CPU work, except asking a role provider of the site's own, which may query a database.
        application.on(PipelineEvent.AUTHORIZE_REQUEST, new NonBlocking.Subscriber() {
            @Override
            public void handle(HttpContext context) {
                check(context);
            }

            @Override
            public boolean mayBlock(HttpContext context) {
                return rolesMayBlock(context);
            }
        });
        application.on(PipelineEvent.POST_MAP_REQUEST_HANDLER, new NonBlocking.Subscriber() {
            @Override
            public void handle(HttpContext context) {
                recheck(context);
            }

            @Override
            public boolean mayBlock(HttpContext context) {
                return rolesMayBlock(context);
            }
        });
        application.on(PipelineEvent.END_REQUEST, (NonBlocking.Subscriber) this::endRequest);
    }

    /** Whether checking roles may call site code: a role provider of its own, or a principal set by site code. */
    private static boolean rolesMayBlock(HttpContext context) {
        Principal user = context.user();
        if (user instanceof FormsPrincipal forms) {
            return forms.rolesMayBlock();
        }
        return !(user == null
                || user instanceof UserPrincipal.Anonymous
                || user instanceof UserPrincipal.Authenticated);
    }

    private void recheck(HttpContext context) {
        if (checked != context || !context.request().filePath().equals(checkedPath)) {
            check(context);
        }
    }

    private void endRequest(HttpContext context) {
        if (checked == context && restricted) {
            CachePolicy.makePrivate(context.response());
        }
        checked = null;
        checkedPath = null;
        restricted = false;
    }

    private void check(HttpContext context) {
        ConduitContext c = ConduitContext.of(context);
        SiteConfiguration configuration = c.site().configuration();
        if (configuration != lookedIn || c.site() != rulesSite) {
            anyRules = configuration.declares(AuthorizationRules.SECTION);
            lookedIn = configuration;
            rulesSite = c.site();
            rulesPath = null;
            rules = null;
        }
        if (!anyRules) {
            return;
        }
        String filePath = c.request().filePath();
        AuthorizationRules rules = this.rules;
        if (rules == null || !filePath.equals(rulesPath)) {
            // With a trailing '/' the folder's own rules apply to "/admin" as to "/admin/x", and a file's are
            // unchanged.
            FolderConfig config = configuration.forPath(filePath.endsWith("/") ? filePath : filePath + "/");
            rules = SiteSecurity.of(c.site()).rulesFor(config);
            this.rules = rules;
            rulesPath = filePath;
        }
        checked = context;
        checkedPath = filePath;
        restricted = !rules.everyoneAllowed();
        AuthorizationRule denying = rules.denying(context.user(), c.request().requestType());
        if (denying != null) {
            deny(context, AuthorizationRules.isAuthenticated(context.user()));
        }
    }

    private static void deny(HttpContext context, boolean signedIn) {
        HttpResponse r = context.response();
        r.clearContent();
        r.setStatusCode(signedIn ? 403 : 401);
        r.setContentType("text/html");
        r.setCharset(StandardCharsets.UTF_8);
        r.setHeader("Cache-Control", "private, no-store");
        r.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Access is denied.</title></head><body>\n"
                + "<h1>Server Error in '/' Application.</h1>\n<h2>Access is denied.</h2>\n<p>"
                + (signedIn
                        ? "403 Forbidden: you are signed in, but not allowed to see this resource."
                        : "401 Unauthorized: sign in to see this resource.")
                + "</p>\n</body></html>\n");
        context.completeRequest();
    }
}
