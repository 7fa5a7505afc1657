-- notification: accounts that turned SMS off (退订短信); their in-app messages still arrive
CREATE TABLE ntf_sms_opt_out (
    account_id     BIGINT PRIMARY KEY,
    opted_out_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
