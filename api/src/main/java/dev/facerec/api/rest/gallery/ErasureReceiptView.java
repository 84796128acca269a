package dev.facerec.api.rest.gallery;

import dev.facerec.core.usecase.ErasureReceipt;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * The JSON body answering an erasure (deleting a person, a gallery or a face): identifiers and counts only. {@code
 * complete} is false when an image or a cache entry could not be removed at once; the receipt then says how many are
 * left to the orphan sweeper or to the cache's expiry.
 */
public record ErasureReceiptView(
        UUID receiptId,
        Subject subject,
        Instant erasedAt,
        int persons,
        int faces,
        int images,
        int imagesKept,
        int imagesLeftForSweep,
        int cacheEntriesEvicted,
        int cacheEvictionsFailed,
        int indexEntriesRemoved,
        long changeLogSequence,
        boolean complete) {

    /**
     * What was erased: {@code type} is {@code person}, {@code gallery} or {@code face} ({@code retention}, with the
     * gallery's id, for the retention sweep's receipts, which are logged, not answered).
     */
    public record Subject(String type, UUID id) {}

    public static ErasureReceiptView of(ErasureReceipt receipt) {
        return new ErasureReceiptView(
                receipt.receiptId(),
                new Subject(
                        receipt.subject().type().name().toLowerCase(Locale.ROOT),
                        receipt.subject().id()),
                receipt.erasedAt(),
                receipt.persons(),
                receipt.faces(),
                receipt.images(),
                receipt.imagesKept(),
                receipt.imagesLeftForSweep(),
                receipt.cacheEntriesEvicted(),
                receipt.cacheEvictionsFailed(),
                receipt.indexEntriesRemoved(),
                receipt.changeLogSequence(),
                receipt.complete());
    }
}
