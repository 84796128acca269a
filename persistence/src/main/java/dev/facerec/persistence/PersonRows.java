package dev.facerec.persistence;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface PersonRows extends JpaRepository<PersonEntity, UUID> {}
