package io.switchboard.errors;

/** 403 {@code step_up_required}: the action needs a customer who has verified who they are. */
public final class StepUpRequired extends ApiException {

    public StepUpRequired(String detail) {
        super(ErrorCode.STEP_UP_REQUIRED, detail);
    }
}
