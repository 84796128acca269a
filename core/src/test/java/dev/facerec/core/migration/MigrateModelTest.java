package dev.facerec.core.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.account.Role;
import dev.facerec.core.migration.MigrationProgress.State;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's state machine over hand-written in-memory ports; the storage itself is tested in persistence. */
class MigrateModelTest {
    private static final Actor ADMIN = new Actor("admin", Role.ADMIN);
    private final InMemoryModelEmbeddings embeddings = new InMemoryModelEmbeddings();
    private final InMemoryModelMigrations migrations = new InMemoryModelMigrations();
    private final MigrateModel migrate = new MigrateModel(embeddings, migrations, Clock.systemUTC());

    @Test
    void onlyAdministratorsMigrate() {
        for (Actor actor : List.of(new Actor("operator", Role.OPERATOR), Actor.anonymous())) {
            assertThatThrownBy(() -> migrate.start(actor, "a", "b"))
                    .isInstanceOfSatisfying(
                            FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.FORBIDDEN));
        }
        assertThat(migrations.saved).isEmpty();
    }

    @Test
    void theModelInUseAndASecondMigrationAreConflicts() {
        assertThatThrownBy(() -> migrate.start(ADMIN, "a", "a")).isInstanceOf(FaceException.class);
        embeddings.without = 3;
        assertThat(migrate.start(ADMIN, "a", "b").total()).isEqualTo(3);
        assertThatThrownBy(() -> migrate.start(ADMIN, "a", "c"))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.CONFLICT));
    }

    @Test
    void switchOverWaitsForEveryFaceThenSwapsAndTheActiveModelFollows() {
        embeddings.without = 2;
        migrate.start(ADMIN, "a", "b");
        assertThatThrownBy(() -> migrate.switchOver(ADMIN)).isInstanceOf(FaceException.class);
        complete();
        embeddings.without = 1; // a face enrolled after the pass completed
        assertThatThrownBy(() -> migrate.switchOver(ADMIN)).hasMessageContaining("1 faces");
        assertThat(embeddings.swaps)
                .as("checked under the swap's lock, nothing swapped")
                .isEmpty();
        assertThat(migrations.latest().orElseThrow().state()).isEqualTo(State.COMPLETE);
        assertThat(migrate.reopen(ADMIN).state()).isEqualTo(State.RUNNING);
        complete();
        embeddings.without = 0;

        assertThat(migrate.switchOver(ADMIN).state()).isEqualTo(State.SWITCHED);
        assertThat(embeddings.swaps).containsExactly("b");
        assertThat(migrate.activeModel("a")).isEqualTo("b");

        migrate.rollBack(ADMIN);
        assertThat(embeddings.swaps).containsExactly("b", "a");
        assertThat(migrate.activeModel("a")).isEqualTo("a");
        assertThat(migrate.dropTarget(ADMIN)).isEqualTo(7);
        assertThat(embeddings.drops).containsExactly("b");
    }

    @Test
    void droppingTheOldEmbeddingsFinishesTheMigrationAndEndsTheRollback() {
        migrate.start(ADMIN, "a", "b");
        complete();
        migrate.switchOver(ADMIN);

        migrate.dropSource(ADMIN);

        assertThat(embeddings.drops).containsExactly("a");
        assertThat(migrations.latest().orElseThrow().state()).isEqualTo(State.FINISHED);
        assertThat(migrate.activeModel("a")).isEqualTo("b");
        assertThatThrownBy(() -> migrate.rollBack(ADMIN)).isInstanceOf(FaceException.class);
        // A next migration starts from the model in use.
        assertThat(migrate.start(ADMIN, "a", "c").sourceModel()).isEqualTo("b");
    }

    @Test
    void theActiveModelIsTheSourceUntilTheSwitchOverAndAgainAfterARollbackWhateverIsConfigured() {
        assertThat(migrate.activeModel("a"))
                .as("no migration: the configured model")
                .isEqualTo("a");
        migrate.start(ADMIN, "a", "b");
        // A replica configured otherwise (FACE_RECOGNIZER_PACK changed meanwhile) still serves the faces' model.
        assertThat(migrate.activeModel("other")).isEqualTo("a");
        complete();
        assertThat(migrate.activeModel("other")).isEqualTo("a");
        migrate.switchOver(ADMIN);
        assertThat(migrate.activeModel("other")).isEqualTo("b");
        migrate.rollBack(ADMIN);
        assertThat(migrate.activeModel("other")).isEqualTo("a");
    }

    @Test
    void enrolmentsOfAModelThatFacesAreNoLongerKeptInAreRefusedRetryably() {
        // Before any migration every model may be stored: the configured recognizers decide.
        migrate.requireActive("a");
        migrate.requireActive("other");
        migrate.start(ADMIN, "a", "b");
        complete();
        migrate.requireActive("a");
        migrate.switchOver(ADMIN);

        migrate.requireActive("b");
        assertThatThrownBy(() -> migrate.requireActive("a")).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(FaceErrorCode.UNAVAILABLE);
            assertThat(e.details()).containsEntry("activeModel", "b").containsKey("retryAfterSeconds");
        });
    }

    private void complete() {
        MigrationProgress latest = migrations.latest().orElseThrow();
        migrations.save(latest.in(State.COMPLETE, latest.updatedAt(), null));
    }
}
