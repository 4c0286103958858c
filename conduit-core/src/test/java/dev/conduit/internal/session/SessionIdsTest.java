package dev.conduit.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdsTest {
    @Test
    void idsAre24CharactersOfTheSessionAlphabet() {
        for (int i = 0; i < 1000; i++) {
            String id = SessionIds.create();
            assertThat(id).matches("[a-z0-5]{24}");
            assertThat(SessionIds.isValid(id)).isTrue();
        }
    }

    @Test
    void idsDoNotRepeatAndUseEverySymbolInEveryPosition() {
        Set<String> seen = new HashSet<>();
        boolean[][] used = new boolean[24][32];
        for (int i = 0; i < 5000; i++) {
            String id = SessionIds.create();
            assertThat(seen.add(id)).isTrue();
            for (int p = 0; p < 24; p++) {
                char c = id.charAt(p);
                used[p][c >= 'a' ? c - 'a' : 26 + c - '0'] = true;
            }
        }
        // 5000 draws of 32 symbols per position: a symbol never drawn would mean a bit that never varies.
        for (boolean[] position : used) {
            for (boolean symbol : position) {
                assertThat(symbol).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "abcdefghijklmnopqrstuvw",
                "abcdefghijklmnopqrstuvwxy",
                "ABCDEFGHIJKLMNOPQRSTUVWX",
                "abcdefghijklmnopqrstuvw6",
                "abcdefghijklmnopqrst../x"
            })
    void anythingElseIsNotAnId(String text) {
        assertThat(SessionIds.isValid(text)).isFalse();
    }
}
