package org.attnlab.model;

/**
 * Floating-point precision of a model's computation. FLOAT32 is what the pretrained weights were
 * trained in; FLOAT64 exists for finite-difference gradient checks and numerically delicate analyses.
 */
public enum Precision { FLOAT32, FLOAT64 }
