package dev.facerec.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ChangeNotificationFilterTest {
    private final AtomicInteger announced = new AtomicInteger();
    private final ChangeNotificationFilter filter = new ChangeNotificationFilter(announced::incrementAndGet);

    @ParameterizedTest(name = "{0} {1} -> {2}: announced {3}")
    @CsvSource({
        "POST, /api/v1/persons/p1/faces, 201, true",
        "DELETE, /api/v1/persons/p1/faces/f1, 200, true",
        "DELETE, /api/v1/persons/p1, 200, true",
        "PATCH, /api/v1/persons/p1, 200, true",
        "POST, /api/v1/persons, 201, true",
        "POST, /api/v1/galleries, 201, true",
        "DELETE, /api/v1/galleries/g1, 200, true",
        "POST, /api/v1/persons/p1/faces, 422, false",
        "DELETE, /api/v1/galleries/g1, 404, false",
        "POST, /api/v1/persons/p1/faces, 500, false",
        "GET, /api/v1/persons/p1/faces, 200, false",
        "POST, /api/v1/persons/p1/verify, 200, false",
        "POST, /api/v1/identify, 200, false",
        "POST, /api/v1/compare, 200, false",
    })
    void announcesSuccessfulWritesToGalleriesPersonsAndFacesOnly(
            String method, String path, int status, boolean expected) throws Exception {
        var request = new MockHttpServletRequest(method, path);
        var response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                ((MockHttpServletResponse) res).setStatus(status);
            }
        });

        assertThat(announced.get()).isEqualTo(expected ? 1 : 0);
    }
}
