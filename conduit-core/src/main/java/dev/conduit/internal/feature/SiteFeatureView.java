package dev.conduit.internal.feature;

import dev.conduit.config.Section;
import dev.conduit.feature.FeatureSite;
import dev.conduit.feature.SiteCompiler;
import dev.conduit.internal.compilation.CompiledClassLoader;
import dev.conduit.internal.pipeline.SiteServices;
import dev.conduit.internal.security.MachineKeySection;
import dev.conduit.internal.security.MachineKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A site as features see it: the public {@link FeatureSite} over the runtime's {@link SiteServices}. */
public final class SiteFeatureView implements FeatureSite {
    private final SiteServices site;
    private final SiteCompiler compiler;

    /** The view of {@code site}; made once per site. */
    public SiteFeatureView(SiteServices site) {
        this.site = site;
        this.compiler = (List<SiteCompiler.Source> sources) ->
                new CompiledClassLoader(site.compiler().compile(sources), site.classLoader());
    }

    @Override
    public Path root() {
        return site.siteRoot();
    }

    @Override
    public ClassLoader classLoader() {
        return site.classLoader();
    }

    @Override
    public <T> T section(Section<T> section, String path) {
        return site.configuration().forPath(path).get(section);
    }

    @Override
    public List<String> allowedVerbs(String path) {
        return site.allowedVerbs(path);
    }

    @Override
    public SiteCompiler compiler() {
        return compiler;
    }

    @Override
    public Clock clock() {
        return site.clock();
    }

    @Override
    public <T> T state(Class<T> type, Function<? super FeatureSite, ? extends T> create) {
        return site.feature(type, ignored -> create.apply(this));
    }

    /**
     * HKDF-Expand (RFC 5869 §2.3, one block of HMAC-SHA256) of the machine key with {@code "conduit:" + purpose} as
     * its info: the machine key is already a uniformly random 256-bit key, so it serves as the pseudorandom key.
     */
    @Override
    public byte[] key(String purpose) {
        if (purpose.isBlank()) {
            throw new IllegalArgumentException("a key purpose must not be blank");
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(machineKey(), "HmacSHA256"));
            hmac.update(("conduit:" + purpose).getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 1);
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    private byte[] machineKey() {
        byte[] configured =
                site.configuration().forPath("/").get(MachineKeySection.SECTION).decryptionKey();
        return configured != null ? configured : MachineKeys.loadOrGenerate(site.siteRoot());
    }
}
