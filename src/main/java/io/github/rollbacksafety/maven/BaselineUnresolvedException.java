package io.github.rollbacksafety.maven;

import io.github.rollbacksafety.RollbackSafetyException;

/** The previous release could not be looked up: the check cannot tell, so it fails unless explicitly allowed. */
final class BaselineUnresolvedException extends RollbackSafetyException {

    BaselineUnresolvedException(String message) {
        super(message);
    }
}
