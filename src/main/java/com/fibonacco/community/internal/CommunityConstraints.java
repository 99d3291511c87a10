package com.fibonacco.community.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * Bean-validation constraints for community requests, so that a request with several bad
 * fields is answered with all of them at once. Each accepts null: whether a field is
 * required is said separately.
 */
final class CommunityConstraints {

	private CommunityConstraints() {
	}

	/** A US state or territory code, in any case. */
	@Documented
	@Constraint(validatedBy = UsStateValidator.class)
	@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
	@Retention(RetentionPolicy.RUNTIME)
	@interface UsState {

		String message() default CommunityRules.STATE_MESSAGE;

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	/** An IANA time zone region, never a bare offset. */
	@Documented
	@Constraint(validatedBy = TimeZoneValidator.class)
	@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
	@Retention(RetentionPolicy.RUNTIME)
	@interface TimeZone {

		String message() default CommunityRules.TIMEZONE_MESSAGE;

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	/** A URL slug: lower-case letters and digits joined by single hyphens. */
	@Documented
	@Constraint(validatedBy = SlugValidator.class)
	@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
	@Retention(RetentionPolicy.RUNTIME)
	@interface Slug {

		String message() default CommunityRules.SLUG_MESSAGE;

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	/**
	 * On a partial update: a required field may be left out, but not sent as null.
	 */
	@Documented
	@Constraint(validatedBy = RequiredNotNulledValidator.class)
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@interface RequiredNotNulled {

		String message() default "must not be null";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	static class RequiredNotNulledValidator
			implements ConstraintValidator<RequiredNotNulled, CommunityDtos.UpdateCommunityRequest> {

		@Override
		public boolean isValid(CommunityDtos.@Nullable UpdateCommunityRequest request,
				ConstraintValidatorContext context) {
			if (request == null || request.nulledRequiredFields().isEmpty()) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			request.nulledRequiredFields()
				.forEach(field -> context.buildConstraintViolationWithTemplate("must not be null")
					.addPropertyNode(field)
					.addConstraintViolation());
			return false;
		}

	}

	static class UsStateValidator implements ConstraintValidator<UsState, String> {

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			return value == null || CommunityRules.isState(value);
		}

	}

	static class TimeZoneValidator implements ConstraintValidator<TimeZone, String> {

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			return value == null || CommunityRules.isTimeZone(value);
		}

	}

	static class SlugValidator implements ConstraintValidator<Slug, String> {

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			return value == null || CommunityRules.isSlug(value);
		}

	}

}
