package dev.facerec.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {
    @ParameterizedTest
    @CsvSource({"ADMIN, ADMIN", "admin, ADMIN", "Operator, OPERATOR", "viewer, VIEWER"})
    void aRoleClaimMatchesInAnyCase(String claim, Role role) {
        assertThat(Role.parse(claim)).contains(role);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN ", " admin", "1", "0", "", "ADMINS", "role_admin"})
    void butOnlyTheNameItself(String claim) {
        assertThat(Role.parse(claim)).isEmpty();
    }
}
