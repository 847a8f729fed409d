package org.attnlab.experiment;

/**
 * The part of an {@link ExperimentType} that is only naming: its id and the classes Jackson binds settings and
 * results to. Each type extends it and adds {@code create} and {@code summarize}.
 */
abstract class TypeBase<S extends ExperimentSettings, R, M> implements ExperimentType<S, R, M> {

    private final String id;
    private final Class<S> settings;
    private final Class<R> result;

    TypeBase(String id, Class<S> settings, Class<R> result) {
        this.id = id;
        this.settings = settings;
        this.result = result;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Class<S> settingsType() {
        return settings;
    }

    @Override
    public final Class<R> resultType() {
        return result;
    }

    @Override
    public String toString() {
        return id;
    }
}
