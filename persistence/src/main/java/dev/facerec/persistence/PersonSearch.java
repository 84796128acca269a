package dev.facerec.persistence;

import dev.facerec.core.person.Page;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One page of a {@link PersonQuery}: only the filters that are set become conditions. */
final class PersonSearch {
    private final EntityManager entityManager;
    private final PersonQuery query;
    private final String where;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    PersonSearch(EntityManager entityManager, PersonQuery query) {
        this.entityManager = entityManager;
        this.query = query;
        List<String> conditions = new ArrayList<>();
        if (query.galleryId() != null) {
            conditions.add("p.galleryId = :galleryId");
            parameters.put("galleryId", query.galleryId());
        }
        if (query.nameContains() != null && !query.nameContains().isEmpty()) {
            // A substring search cannot use an index; listings are usually within one gallery, which the
            // (gallery_id, name) index narrows first.
            conditions.add("lower(p.name) like :name escape '\\'");
            parameters.put("name", "%" + escapeLike(query.nameContains().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.externalId() != null) {
            conditions.add("p.externalId = :externalId");
            parameters.put("externalId", query.externalId());
        }
        this.where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    Page<Person> run() {
        long total = bind(entityManager.createQuery("select count(p) from PersonEntity p" + where, Long.class))
                .getSingleResult();
        List<Person> items = total <= (long) query.page() * query.size()
                ? List.of()
                : bind(entityManager.createQuery(
                                "select p from PersonEntity p" + where + " order by p.name, p.id", PersonEntity.class))
                        .setFirstResult(query.page() * query.size())
                        .setMaxResults(query.size())
                        .getResultList()
                        .stream()
                        .map(EntityMapper::toPerson)
                        .toList();
        return new Page<>(items, query.page(), query.size(), total);
    }

    private <T> TypedQuery<T> bind(TypedQuery<T> typed) {
        parameters.forEach(typed::setParameter);
        return typed;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
