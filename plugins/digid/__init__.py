"""DigiD: authentication for citizens, per the Serviceniveauovereenkomst DigiD 2.8."""
