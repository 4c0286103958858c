package dev.conduit.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FormsAuthentication#isLocalUrl}: the open-redirect guard, as a table of hostile and local URLs. */
class FormsAuthenticationTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "//evil.example",
                "///evil.example",
                "/\\evil.example",
                "\\\\evil.example",
                "\\evil.example",
                "https://evil.example",
                "http:evil.example",
                "javascript:alert(1)",
                "%2F%2Fevil.example",
                "/%2F/evil.example",
                "/%2f/evil.example",
                "/%5Cevil.example",
                "/%5C/evil.example",
                "/%252F/evil.example",
                "/%25252F/evil.example",
                "/%2525252F/evil.example",
                "/%09/evil.example",
                "/\t/evil.example",
                "/\r\n/evil.example",
                "/%0a/evil.example",
                "/%00",
                "/\u0085/evil.example",
                " /",
                "",
                "evil.example",
                "./x",
                "~/x",
                "/%",
                "/%4",
                "/%zz",
                "/%C0%AF",
                "/%FF",
            })
    void refusesAnythingThatCouldLeaveTheSite(String url) {
        assertThat(FormsAuthentication.isLocalUrl(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/members/page.ashx",
                "/members/page.ashx?x=1&next=//not-a-host-here",
                "/a%20b",
                "/caf%C3%A9",
                "/café",
                "/a/../b",
                "/%2525",
                "/javascript:alert(1)",
            })
    void acceptsPathsOnThisSite(String url) {
        assertThat(FormsAuthentication.isLocalUrl(url)).isTrue();
    }

    @Test
    void nullIsNotLocal() {
        assertThat(FormsAuthentication.isLocalUrl(null)).isFalse();
    }
}
