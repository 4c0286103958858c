package dev.conduit.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import dev.conduit.config.Source;
import dev.conduit.internal.mapping.AccessPolicy;
import dev.conduit.internal.mapping.HandlerMapping;
import dev.conduit.internal.mapping.PathPattern;
import dev.conduit.internal.mapping.ResourceType;
import dev.conduit.internal.mapping.VerbPattern;
import org.junit.jupiter.api.Test;

/** One factory per type string; the last type's factory is kept, and never answered for another type. */
class HandlerFactoriesTest {
    public static class First implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) {}
    }

    public static class Second extends First {}

    private final HandlerFactories factories = new HandlerFactories(HandlerFactoriesTest.class.getClassLoader());

    private static HandlerMapping mapping(String type) {
        return new HandlerMapping(
                VerbPattern.compile("*"),
                PathPattern.compile("*"),
                type,
                true,
                new Source(null, 1),
                null,
                ResourceType.UNSPECIFIED,
                AccessPolicy.Access.NONE,
                true);
    }

    @Test
    void requestsAlternatingBetweenTypesGetEachTypesOwnFactory() {
        HandlerMapping first = mapping(First.class.getName());
        HandlerMapping second = mapping(Second.class.getName());

        HttpHandlerFactory a = factories.forMapping(first);
        HttpHandlerFactory b = factories.forMapping(second);

        assertThat(a).isNotSameAs(b);
        assertThat(factories.forMapping(first)).isSameAs(a);
        assertThat(factories.forMapping(first)).isSameAs(a); // the kept answer
        assertThat(factories.forMapping(second)).isSameAs(b);
        assertThat(factories.forMapping(first)).isSameAs(a);
    }

    @Test
    void anEqualTypeInAnotherStringIsTheSameFactory() {
        String type = First.class.getName();
        HttpHandlerFactory a = factories.forMapping(mapping(type));

        assertThat(factories.forMapping(mapping(new String(type)))).isSameAs(a);
        assertThat(factories.forMapping(mapping(type))).isSameAs(a);
    }
}
