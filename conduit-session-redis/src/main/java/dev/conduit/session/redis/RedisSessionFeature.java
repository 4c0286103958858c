package dev.conduit.session.redis;

import dev.conduit.feature.Feature;
import dev.conduit.feature.FeatureRegistry;

/**
 * The Redis session store as a feature: Microsoft's provider type name, {@code
 * Microsoft.Web.Redis.RedisSessionStateProvider}, stands for {@link RedisSessionStore}, so an ASP.NET site's {@code
 * <sessionState><providers>} entry works unchanged.
 */
public final class RedisSessionFeature implements Feature {
    @Override
    public String name() {
        return "session-redis";
    }

    @Override
    public void register(FeatureRegistry registry) {
        registry.typeAlias("Microsoft.Web.Redis.RedisSessionStateProvider", RedisSessionStore.class.getName());
    }
}
