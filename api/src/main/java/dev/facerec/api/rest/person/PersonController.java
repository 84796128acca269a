package dev.facerec.api.rest.person;

import static dev.facerec.api.http.policy.Access.Level.OPERATOR;
import static dev.facerec.api.http.policy.GalleryScope.Source.CHECKED_BY_HANDLER;
import static dev.facerec.api.http.policy.GalleryScope.Source.PERSON_IN_PATH;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.facerec.api.http.audit.AuditDetails;
import dev.facerec.api.http.error.NamesInvalidFields;
import dev.facerec.api.http.error.PatchFields;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.Idempotent;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.api.http.security.Caller;
import dev.facerec.api.rest.gallery.ErasureReceiptView;
import dev.facerec.api.rest.paging.PageView;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import dev.facerec.core.usecase.ManagePersons;
import dev.facerec.core.usecase.NewPerson;
import dev.facerec.core.usecase.PersonChanges;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Persons enrolled in galleries. Metadata is any JSON object, stored as given and returned as JSON. */
@Access(OPERATOR)
@NamesInvalidFields
@RestController
@RequestMapping("/api/v1/persons")
class PersonController {
    private final ManagePersons persons;

    PersonController(ManagePersons persons) {
        this.persons = persons;
    }

    @Operation(summary = "Create a person in a gallery", operationId = "createPerson")
    @Audited("person.create")
    @Idempotent
    @GalleryScope(CHECKED_BY_HANDLER)
    @PostMapping
    ResponseEntity<PersonView> create(@Valid @RequestBody CreatePerson request, HttpServletRequest http) {
        AuditDetails.gallery(http, request.galleryId());
        Person person = persons.create(
                Caller.currentActor(),
                new NewPerson(
                        request.galleryId(),
                        request.name().strip(),
                        request.externalId(),
                        metadata(request.metadata())));
        return ResponseEntity.created(URI.create("/api/v1/persons/" + person.id()))
                .body(PersonView.of(person));
    }

    @Operation(summary = "List persons, by gallery, name or external id", operationId = "listPersons")
    @Audited("person.list")
    @GalleryScope(CHECKED_BY_HANDLER)
    @GetMapping
    PageView<PersonView> list(
            @RequestParam(required = false) UUID galleryId,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String externalId,
            PageRequest page) {
        return PageView.of(
                persons.list(
                        Caller.currentActor(),
                        new PersonQuery(
                                galleryId, blankToNull(name), blankToNull(externalId), page.page(), page.size())),
                PersonView::of);
    }

    @Operation(summary = "Get a person", operationId = "getPerson")
    @Audited("person.read")
    @GalleryScope(value = PERSON_IN_PATH, name = "id")
    @GetMapping("/{id}")
    PersonView get(@PathVariable UUID id) {
        return PersonView.of(persons.get(Caller.currentActor(), id));
    }

    @Operation(summary = "Change a person's name, external id or metadata", operationId = "updatePerson")
    @Audited("person.update")
    @NotIdempotent("sets the fields it names: a retry changes nothing more")
    @GalleryScope(value = PERSON_IN_PATH, name = "id")
    @PatchMapping("/{id}")
    PersonView update(@PathVariable UUID id, @Valid @RequestBody UpdatePerson request) {
        PatchFields.refuseOthers(request.others(), UpdatePerson.CHANGEABLE, UpdatePerson.READ_ONLY);
        return PersonView.of(persons.update(
                Caller.currentActor(),
                id,
                new PersonChanges(
                        request.name() == null ? null : request.name().strip(),
                        request.externalId(),
                        metadata(request.metadata()))));
    }

    /** Erases the person with its faces and answers with the receipt. */
    @Operation(summary = "Erase a person with its faces (answers the erasure receipt)", operationId = "deletePerson")
    @Audited("person.delete")
    @GalleryScope(value = PERSON_IN_PATH, name = "id")
    @DeleteMapping("/{id}")
    ErasureReceiptView delete(@PathVariable UUID id) {
        return ErasureReceiptView.of(persons.delete(Caller.currentActor(), id));
    }

    private static String metadata(JsonNode metadata) {
        return metadata == null || metadata.isNull() ? null : metadata.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    record CreatePerson(
            @NotNull UUID galleryId,
            @NotBlank @Size(max = Person.MAX_NAME_LENGTH) String name,

            @Size(min = 1, max = Person.MAX_EXTERNAL_ID_LENGTH)
            String externalId,

            @ObjectOrNull
            @Schema(
                    types = {"object", "null"},
                    description = "Any JSON object, stored and returned as given")
            JsonNode metadata) {}

    /**
     * Absent or null fields are left as they are; an empty {@code externalId} removes it. Any other field is refused
     * ({@code others}), {@code galleryId} above all: moving a person would have to move its faces, their index
     * partition and the change log with it, and answering 200 while leaving it where it is would mislead.
     */
    record UpdatePerson(
            @Size(min = 1, max = Person.MAX_NAME_LENGTH) String name,
            @Size(max = Person.MAX_EXTERNAL_ID_LENGTH) String externalId,

            @ObjectOrNull
            @Schema(
                    types = {"object", "null"},
                    description = "Any JSON object, stored and returned as given")
            JsonNode metadata,

            @Schema(hidden = true) @JsonAnySetter Map<String, JsonNode> others) {
        static final List<String> CHANGEABLE = List.of("name", "externalId", "metadata");
        static final Map<String, String> READ_ONLY = Map.of(
                "galleryId",
                "a person stays in the gallery it was created in. To move someone, create a person in the other"
                        + " gallery (POST /api/v1/persons), enrol the faces there and delete this person.",
                "id",
                "it is set by the service.",
                "createdAt",
                "it is set by the service.",
                "updatedAt",
                "it is set by the service.");
    }

    record PersonView(
            UUID id,
            UUID galleryId,
            String name,
            String externalId,

            @JsonRawValue
            @Schema(
                    types = {"object", "null"},
                    description = "Any JSON object, stored and returned as given")
            String metadata,

            Instant createdAt,
            Instant updatedAt) {
        static PersonView of(Person person) {
            return new PersonView(
                    person.id(),
                    person.galleryId(),
                    person.name(),
                    person.externalId(),
                    person.metadata(),
                    person.createdAt(),
                    person.updatedAt());
        }
    }
}
