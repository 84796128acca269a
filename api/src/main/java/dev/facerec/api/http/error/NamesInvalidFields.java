package dev.facerec.api.http.error;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller: a request body or parameter that fails validation or conversion is answered with a 400 that names
 * the field ({@code details.field}, {@code details.reason}) rather than the shared handler's plain refusal. Declared on
 * the controller, so the answer moves with it whatever package it lives in.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NamesInvalidFields {}
