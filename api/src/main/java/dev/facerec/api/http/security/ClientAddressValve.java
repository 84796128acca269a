package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Sets the request's remote address to the client's ({@link ClientAddresses}) before anything else sees the request,
 * on every connector it is added to, and takes {@code X-Forwarded-For} off the request: once read, nothing further in
 * may take an address from it unchecked. In place of Tomcat's {@code RemoteIpValve}, which took any text as the
 * client's address and looked names up.
 */
public final class ClientAddressValve extends ValveBase {
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final ClientAddresses addresses;

    public ClientAddressValve(ClientAddresses addresses) {
        super(true);
        this.addresses = requireNonNull(addresses, "addresses is null");
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        List<String> forwardedFor = Collections.list(request.getHeaders(FORWARDED_FOR));
        if (forwardedFor.isEmpty()) {
            getNext().invoke(request, response);
            return;
        }
        request.getCoyoteRequest().getMimeHeaders().removeHeader(FORWARDED_FOR);
        String socketAddress = request.getRemoteAddr();
        String client = addresses.clientAddress(socketAddress, forwardedFor);
        if (client.equals(socketAddress)) {
            getNext().invoke(request, response);
            return;
        }
        String socketHost = request.getRemoteHost();
        request.setRemoteAddr(client);
        request.setRemoteHost(client);
        try {
            getNext().invoke(request, response);
        } finally {
            request.setRemoteAddr(socketAddress);
            request.setRemoteHost(socketHost);
        }
    }
}
