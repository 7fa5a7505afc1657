-- Spring Modulith 2.0 event publication registry
CREATE TABLE event_publication (
    id                      UUID NOT NULL PRIMARY KEY,
    listener_id             VARCHAR(512) NOT NULL,
    event_type              VARCHAR(512) NOT NULL,
    serialized_event        VARCHAR(20000) NOT NULL,
    publication_date        TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date         TIMESTAMP WITH TIME ZONE,
    status                  VARCHAR(20),
    completion_attempts     INT,
    last_resubmission_date  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication (listener_id, publication_date);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
