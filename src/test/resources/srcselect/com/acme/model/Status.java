package com.acme.model;

public enum Status {
    ACTIVE, CLOSED
}
