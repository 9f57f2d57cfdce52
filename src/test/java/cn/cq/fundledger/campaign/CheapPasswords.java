package cn.cq.fundledger.campaign;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Keeps the default profile's {noop} passwords {noop}. Spring Security upgrades a password to BCrypt at its first
 * sign-in (InMemoryUserDetailsManager is a UserDetailsPasswordService), and from then on every HTTP Basic request pays
 * a BCrypt check: about 90 ms of CPU, which made the campaign's two thousand requests take minutes. Who may do what
 * (the role matrix), wrong passwords (401) and every answer stay as they are; only the upgrade is skipped.
 */
@TestConfiguration(proxyBeanMethods = false)
class CheapPasswords {

    @Bean
    static BeanPostProcessor noPasswordUpgrade() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof PasswordEncoder encoder)) {
                    return bean;
                }
                return new PasswordEncoder() {
                    @Override
                    public String encode(CharSequence raw) {
                        return encoder.encode(raw);
                    }

                    @Override
                    public boolean matches(CharSequence raw, String encoded) {
                        return encoder.matches(raw, encoded);
                    }

                    @Override
                    public boolean upgradeEncoding(String encoded) {
                        return false;
                    }
                };
            }
        };
    }
}
