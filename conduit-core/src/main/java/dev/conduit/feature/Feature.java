package dev.conduit.feature;

/**
 * A capability that plugs into Conduit: its web.config sections, its entries of the built-in root configuration
 * (handler mappings such as {@code *.aspx}, modules) and its built-in types with their ASP.NET names.
 *
 * <p><b>Discovery.</b> Features are found with {@link java.util.ServiceLoader} on the server's class path (a jar lists
 * its implementation in {@code META-INF/services/dev.conduit.feature.Feature}); an implementation needs a public
 * no-argument constructor. A jar that is not on the class path contributes nothing: a web.config that uses one of its
 * sections is then told which module the section needs (see {@link FeatureRegistry#acceptSection}).
 *
 * <p><b>Order.</b> Core's own feature ({@code core}) registers first; the others follow sorted by {@link #name()}.
 * Their root configurations are levels after core's, so an entry a feature adds with the key of one of core's (say
 * {@code verb="*" path="*.aspx"}) replaces it, and one with a new key is tried before core's entries.
 *
 * <p><b>Threading and failures.</b> {@link #register} is called once per process, on the thread that first loads a
 * site, before any site configuration is read. It must not block or start threads. If it throws, or registers a
 * section path another feature registered, no site can load: the error names the feature.
 */
public interface Feature {

    /**
     * The feature's name, for messages and ordering: lower case, such as {@code pages} or {@code session-redis}. The
     * Maven module that ships it is named {@code conduit-} followed by it.
     */
    String name();

    /** Registers the feature's contributions; called once, before any site loads. */
    void register(FeatureRegistry registry);
}
