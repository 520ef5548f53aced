#!/bin/sh
echo "{\"depth\": 3}"
