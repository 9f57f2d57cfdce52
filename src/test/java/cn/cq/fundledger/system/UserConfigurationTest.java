package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.cq.fundledger.system.SecurityConfiguration.SecuritySettings;
import cn.cq.fundledger.system.SecurityConfiguration.SecuritySettings.UserEntry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Outside the default profile the ledger refuses to start without password hashes. */
class UserConfigurationTest {

    private final SecurityConfiguration configuration = new SecurityConfiguration();
    private final PasswordEncoder encoder = configuration.passwordEncoder();

    @Test
    void theDefaultProfileAcceptsTheReadmeUsers() {
        SecuritySettings settings = new SecuritySettings(List.of(new UserEntry("operator", "{noop}operator",
                List.of("OPERATOR"))));
        var users = configuration.users(settings, new MockEnvironment(), encoder);
        assertThat(encoder.matches("operator", users.loadUserByUsername("operator").getPassword())).isTrue();
    }

    @Test
    void anotherProfileWithoutUsersRefusesToStart() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("postgres");
        assertThatThrownBy(() -> configuration.users(new SecuritySettings(null), prod, encoder))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No users are configured");
    }

    @Test
    void anotherProfileWithAPlainPasswordRefusesToStart() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("postgres");
        SecuritySettings plain = new SecuritySettings(List.of(new UserEntry("operator", "{noop}operator",
                List.of("OPERATOR"))));
        assertThatThrownBy(() -> configuration.users(plain, prod, encoder))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no password hash");
    }

    @Test
    void anotherProfileWithHashesStarts() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("postgres");
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("s3cret");
        var users = configuration.users(new SecuritySettings(List.of(new UserEntry("auditor", hash,
                List.of("AUDITOR")))), prod, encoder);
        var auditor = users.loadUserByUsername("auditor");
        assertThat(encoder.matches("s3cret", auditor.getPassword())).isTrue();
        assertThat(auditor.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_AUDITOR");
    }

    @Test
    void aUserNameThatEventsCouldNotRecordRefusesToStart() {
        for (String name : List.of("u".repeat(65), "ops\nadmin", " ")) {
            SecuritySettings settings = new SecuritySettings(List.of(new UserEntry(name, "{noop}x", List.of("OPERATOR"))));
            assertThatThrownBy(() -> configuration.users(settings, new MockEnvironment(), encoder))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("printable characters");
        }
        SecuritySettings longest = new SecuritySettings(List.of(new UserEntry("u".repeat(64), "{noop}x",
                List.of("OPERATOR"))));
        assertThat(configuration.users(longest, new MockEnvironment(), encoder).loadUserByUsername("u".repeat(64)))
                .isNotNull();
    }
}
