package dev.facerec.api.app.health;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections answer {@code isValid} and take or refuse the health check's write as a test
 * says. Written as a proxy because the JDBC interfaces are large and the health check uses a few methods of them.
 * When down, borrowing a connection fails with PostgreSQL's message for a wrong password (naming the host and user),
 * so a test can prove that driver messages never reach a body.
 */
final class FakeDatabase {
    volatile boolean reachable = true;
    volatile boolean valid = true;
    volatile int lastValidTimeoutSeconds = -1;
    volatile boolean writable = true;
    final AtomicInteger writes = new AtomicInteger();

    DataSource dataSource() {
        InvocationHandler dataSource = (proxy, method, arguments) -> switch (method.getName()) {
            case "getConnection" -> connection();
            case "toString" -> "FakeDatabase";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> throw new UnsupportedOperationException(method.getName());
        };
        return proxy(DataSource.class, dataSource);
    }

    private Connection connection() throws SQLException {
        if (!reachable) {
            throw new SQLException("FATAL: password authentication failed for user \"facerec\" at db.internal:5432");
        }
        InvocationHandler connection = (proxy, method, arguments) -> switch (method.getName()) {
            case "isValid" -> {
                lastValidTimeoutSeconds = (Integer) arguments[0];
                yield valid;
            }
            case "getAutoCommit" -> true;
            case "setAutoCommit", "rollback", "close" -> null;
            case "prepareStatement" -> statement();
            case "toString" -> "FakeConnection";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> throw new UnsupportedOperationException(method.getName());
        };
        return proxy(Connection.class, connection);
    }

    private PreparedStatement statement() {
        InvocationHandler statement = (proxy, method, arguments) -> switch (method.getName()) {
            case "executeUpdate" -> {
                writes.incrementAndGet();
                if (!writable) {
                    throw new SQLException("ERROR: cannot execute INSERT in a read-only transaction");
                }
                yield 1;
            }
            case "setObject", "close" -> null;
            case "toString" -> "FakeStatement";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> throw new UnsupportedOperationException(method.getName());
        };
        return proxy(PreparedStatement.class, statement);
    }

    void reset() {
        reachable = true;
        valid = true;
        writable = true;
        lastValidTimeoutSeconds = -1;
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(FakeDatabase.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
