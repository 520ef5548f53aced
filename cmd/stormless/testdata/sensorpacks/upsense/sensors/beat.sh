#!/bin/sh
echo "{\"msg\": \"beat from $STORMLESS_SENSOR\"}"
