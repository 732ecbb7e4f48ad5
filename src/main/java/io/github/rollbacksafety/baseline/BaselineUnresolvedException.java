package io.github.rollbacksafety.baseline;

import io.github.rollbacksafety.RollbackSafetyException;

/** The previous release could not be looked up: the check cannot tell, so it fails unless explicitly allowed. */
public final class BaselineUnresolvedException extends RollbackSafetyException {

    public BaselineUnresolvedException(String message) {
        super(message);
    }
}
