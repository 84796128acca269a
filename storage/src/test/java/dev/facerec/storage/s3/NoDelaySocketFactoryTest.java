package dev.facerec.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {
    private final NoDelaySocketFactory factory = new NoDelaySocketFactory();

    @Test
    void everySocketItMakesSendsAtOnce() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 10, loopback);
                Socket unconnected = factory.createSocket();
                Socket byName = factory.createSocket(loopback.getHostAddress(), server.getLocalPort());
                Socket byAddress = factory.createSocket(loopback, server.getLocalPort());
                Socket fromLocalPort = factory.createSocket(loopback, server.getLocalPort(), loopback, 0)) {
            for (Socket socket : new Socket[] {unconnected, byName, byAddress, fromLocalPort}) {
                assertThat(socket.getTcpNoDelay()).isTrue();
            }
        }
    }
}
