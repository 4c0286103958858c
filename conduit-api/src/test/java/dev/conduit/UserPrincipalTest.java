package dev.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UserPrincipalTest {
    @Test
    void theAnonymousUserReadsAsAnonymousNotAsAnEnumConstant() {
        assertThat(UserPrincipal.anonymous()).hasToString("anonymous");
        assertThat("user: " + UserPrincipal.anonymous()).isEqualTo("user: anonymous");
        assertThat(UserPrincipal.anonymous().getName()).isEmpty();
    }

    @Test
    void anAuthenticatedUserReadsAsItsNameHowItSignedInAndItsRoles() {
        assertThat(UserPrincipal.of("ada", "Forms", Set.of("editors", "admin")))
                .hasToString("ada (Forms; roles: admin, editors)");
        assertThat(UserPrincipal.of("bob", "Forms", Set.of())).hasToString("bob (Forms)");
    }
}
