package dev.conduit;

import org.jspecify.annotations.Nullable;

/**
 * Server helpers for one request: the Java form of System.Web's {@code HttpServerUtility} ({@code
 * context.Server}). The encoders are the same as {@link HttpUtility}'s.
 */
public interface HttpServerUtility {

    /**
     * Maps a virtual path to a file-system path: {@code ~/x} and {@code /x} from the application root, {@code x}
     * relative to the folder of the current file.
     *
     * @throws HttpException with status 400 when the path would leave the application's folder
     */
    String mapPath(String virtualPath);

    /** The first error recorded for the request, or {@code null}, as {@code Server.GetLastError()}. */
    @Nullable
    Throwable getLastError();

    /** Forgets the request's errors, as {@code Server.ClearError()}. */
    void clearError();

    /** The host name of this machine. */
    String machineName();

    /** See {@link HttpUtility#htmlEncode(String)}. */
    default String htmlEncode(@Nullable String text) {
        return HttpUtility.htmlEncode(text);
    }

    /** See {@link HttpUtility#htmlDecode(String)}. */
    default String htmlDecode(@Nullable String text) {
        return HttpUtility.htmlDecode(text);
    }

    /** See {@link HttpUtility#urlEncode(String)}. */
    default String urlEncode(@Nullable String text) {
        return HttpUtility.urlEncode(text);
    }

    /** See {@link HttpUtility#urlDecode(String)}. */
    default String urlDecode(@Nullable String text) {
        return HttpUtility.urlDecode(text);
    }

    /** See {@link HttpUtility#urlPathEncode(String)}. */
    default String urlPathEncode(@Nullable String text) {
        return HttpUtility.urlPathEncode(text);
    }
}
