package dev.facerec.api.ops;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy with deploy/haproxy/haproxy.cfg in front of the replicas, on a free loopback port, with its runtime API
 * on a Unix socket: what it thinks of each replica (UP, DOWN) and how many requests it sent to each.
 */
final class LoadBalancer {
    private static final Path CONFIG = Scripts.REPOSITORY.resolve("deploy/haproxy/haproxy.cfg");
    final int port;
    private final Path socket;
    private final Path log;
    private final Process process;

    private LoadBalancer(int port, Path socket, Path log, Process process) {
        this.port = port;
        this.socket = socket;
        this.log = log;
        this.process = process;
    }

    /**
     * Makes HAProxy available (scripts/ensure-tools.sh haproxy) and starts it in the foreground with
     * {@code replicaPorts} on 127.0.0.1 as its servers api-1, api-2, api-3; returns once it sees all of them UP.
     */
    static LoadBalancer start(Path work, List<Integer> replicaPorts) throws Exception {
        int port = Scripts.freePort();
        Path socket = work.resolve("haproxy.sock");
        Scripts.assertExit(check(Map.of("FACEREC_LB_STATS_SOCKET", socket.toString())), 0);
        String executable = executable();
        Path config = CONFIG;

        Path log = work.resolve("haproxy.log");
        var builder = new ProcessBuilder(executable, "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("FACEREC_LB_BIND", "127.0.0.1:" + port);
        environment.put("FACEREC_LB_STATS_SOCKET", socket.toString());
        environment.remove("FACEREC_LB_TLS_CERT");
        String[] names = new String[replicaPorts.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = "api-" + (i + 1);
            environment.put("FACEREC_REPLICA_" + (i + 1), "127.0.0.1:" + replicaPorts.get(i));
        }
        var balancer = new LoadBalancer(port, socket, log, builder.start());
        try {
            balancer.awaitStatus("UP", Duration.ofSeconds(20), names);
        } catch (Exception | AssertionError e) {
            balancer.stop();
            throw e;
        }
        return balancer;
    }

    /** Waits until HAProxy reports every one of {@code servers} with {@code status} (UP, DOWN, ...). */
    void awaitStatus(String status, Duration limit, String... servers) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, Map<String, String>> stats = Map.of();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("haproxy exited with " + process.exitValue() + ":\n" + log());
            }
            if (!Files.exists(socket)) {
                Thread.sleep(100); // still starting
                continue;
            }
            stats = servers();
            var current = stats;
            if (Arrays.stream(servers)
                    .allMatch(server -> current.containsKey(server)
                            && current.get(server).get("status").startsWith(status))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(Arrays.toString(servers) + " not " + status + " within " + limit + ": " + stats);
    }

    /** The servers of backend facerec by name, each with its row of {@code show stat}. */
    Map<String, Map<String, String>> servers() throws IOException {
        String[] lines = runtime("show stat").split("\n");
        String[] columns = lines[0].replaceFirst("^# ", "").split(",", -1);
        var servers = new HashMap<String, Map<String, String>>();
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            String[] values = line.split(",", -1);
            if (values.length < columns.length || !values[0].equals("facerec") || values[1].equals("BACKEND")) {
                continue;
            }
            var row = new HashMap<String, String>();
            for (int i = 0; i < columns.length; i++) {
                row.put(columns[i], values[i]);
            }
            servers.put(values[1], row);
        }
        return servers;
    }

    /** How many requests HAProxy has sent to {@code server} so far. */
    long sessions(String server) throws IOException {
        return Long.parseLong(servers().get(server).get("stot"));
    }

    /** One command on HAProxy's runtime API; it answers and closes. */
    String runtime(String command) throws IOException {
        try (var channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(UTF_8)));
            var answer = new ByteArrayOutputStream();
            var buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(UTF_8);
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code haproxy -c}: whether HAProxy accepts the configuration with the settings in {@code environment}. */
    static Scripts.Result check(Map<String, String> environment) throws Exception {
        return command(environment, executable(), "-c", "-f", CONFIG.toString());
    }

    /** HAProxy, unpacked into .tools/bin by scripts/ensure-tools.sh when the machine has none. */
    private static String executable() throws Exception {
        Scripts.Result ensured = Scripts.run(Map.of(), Duration.ofSeconds(180), "ensure-tools.sh", "haproxy");
        Scripts.assertExit(ensured, 0);
        Path bundled = Scripts.REPOSITORY.resolve(".tools/bin/haproxy");
        return Files.isExecutable(bundled) ? bundled.toString() : "haproxy";
    }

    /** Runs {@code command} with {@code environment} added, within 30 s. */
    static Scripts.Result command(Map<String, String> environment, String... command) throws Exception {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Scripts.Result(process.exitValue(), output);
    }
}
