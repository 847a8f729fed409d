package org.attnlab.experiment;

/**
 * One line of a records file, typed: the fields every record has and the experiment's result.
 *
 * @param instance the common fields
 * @param result   the experiment's result, or null when the instance did not qualify
 * @param <R>      the experiment's result record
 */
public record ResultRecord<R>(InstanceRecord instance, R result) {

    public boolean qualifies() {
        return result != null;
    }

    public String model() {
        return instance.model();
    }

    public String predicted() {
        return instance.predicted();
    }
}
