package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Explicit transaction boundaries: each port call is one transaction, without proxies around the adapters. */
final class Transactions {
    private final TransactionTemplate write;
    private final TransactionTemplate read;

    Transactions(PlatformTransactionManager transactionManager) {
        requireNonNull(transactionManager, "transactionManager is null");
        this.write = new TransactionTemplate(transactionManager);
        this.read = new TransactionTemplate(transactionManager);
        this.read.setReadOnly(true);
    }

    <T> T write(Supplier<T> work) {
        return write.execute(status -> work.get());
    }

    <T> T read(Supplier<T> work) {
        return read.execute(status -> work.get());
    }
}
